kgSearch.add("7365",[
["finance","finance-sector","topic"],
["transportation","transportation-sector","topic"],
["telecommunications","telecommunications-sector","topic"],
["National Security Advisor","us-national-security-advisor","post"],
["sectors Wang Lei names as part of China's critical infrastructure","wang-lei-critical-infrastructure-sectors","concept scheme"],
["China is committed to this vision and seeks to build forward-looking U.S.-China cyber relations.","wang-forward-looking-cyber-relations","claim"],
["The U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure.","sullivan-clear-message-to-china","claim"],
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"],
["China has discovered that the U.S. has conducted long-term, systematic, and large-scale cyberattacks against China. These include cyber-espionage activities and attacks that threaten the cybersecurity of China's critical infrastructure, including telecommunications, finance, and transportation sectors.","china-raises-us-cyberattack-concerns","claim"],
["At the same time, we have also explicitly raised our concerns with the U.S.: China has discovered that the U.S. has conducted long-term, systematic, and large-scale cyberattacks against China. These include cyber-espionage activities and attacks that threaten the cybersecurity of China's critical infrastructure, including telecommunications, finance, and transportation sectors.","wang-us-cyberattacks-against-china","claim"]]);
