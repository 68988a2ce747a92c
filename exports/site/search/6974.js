kgSearch.add("6974",[
["The U.S. must meet the same standards it demands of others.","china-us-must-meet-own-standards","claim"],
["Wang criticized the U.S. for ignoring China's concerns while making numerous demands of China without meeting those standards itself.","wang-criticizes-us-demands","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"],
["He urged the U.S. to reflect on the kind of cyber relationship it should establish with China, the rules by which the two countries should interact, and how to jointly explore the right way to coexist in cyberspace.","wang-urges-us-to-reflect","claim"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
