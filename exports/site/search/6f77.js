kgSearch.add("6f77",[
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
