kgSearch.add("676c",[
["global cyberspace governance","global-cyberspace-governance","topic"],
["bilateral and global AI dialogues","ai-dialogues","topic"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
