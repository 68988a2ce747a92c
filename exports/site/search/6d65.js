kgSearch.add("6d65",[
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["Wang criticized the U.S. for ignoring China's concerns while making numerous demands of China without meeting those standards itself.","wang-criticizes-us-demands","claim"],
["The U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure.","sullivan-clear-message-to-china","claim"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"]]);
