kgSearch.add("6261",[
["China's categorization and criteria for critical infrastructure based on Chinese laws.","china-informs-us-of-critical-infrastructure-criteria","claim"],
["China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","china-rejects-us-accusations","claim"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["While the two sides have differences in the cyber domain, these can and should be discussed openly and based on facts and evidence, underpinned by mutual respect and common rules.","wang-differences-discussed-openly","claim"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"]]);
