kgSearch.add("7975",[
["Yuyuantan Tian","yuyuantan-tian","media outlet"],
["Wang Lei interview with Yuyuantan Tian","wang-lei-yuyuantan-tian-interview","interview"]]);
