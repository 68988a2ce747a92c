kgSearch.add("6465",[
["U.S. State Department","us-state-department","ministry"],
["deputy director-general","deputy-director-general","rank"],
["Department of Arms Control","department-of-arms-control","department"],
["Coordinator for Cyber Affairs","state-department-cyber-affairs-coordinator","post"],
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["Wang criticized the U.S. for ignoring China's concerns while making numerous demands of China without meeting those standards itself.","wang-criticizes-us-demands","claim"],
["The U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure.","sullivan-clear-message-to-china","claim"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
