kgSearch.add("7469",[
["Yuyuantan Tian","yuyuantan-tian","media outlet"],
["Wang Lei interview with Yuyuantan Tian","wang-lei-yuyuantan-tian-interview","interview"],
["At the same time, we have also explicitly raised our concerns with the U.S.: China has discovered that the U.S. has conducted long-term, systematic, and large-scale cyberattacks against China. These include cyber-espionage activities and attacks that threaten the cybersecurity of China's critical infrastructure, including telecommunications, finance, and transportation sectors.","wang-us-cyberattacks-against-china","claim"]]);
