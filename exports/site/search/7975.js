kgSearch.add("7975",[
["Wang Lei interview with Yuyuantan Tian","wang-lei-yuyuantan-tian-interview","interview"],
["Yuyuantan Tian","yuyuantan-tian","media outlet"]]);
