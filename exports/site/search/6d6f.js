kgSearch.add("6d6f",[
["Ministry of Foreign Affairs","mofa","ministry"],
["Coordinator for Cyber and Digital Affairs","mofa-cyber-digital-affairs-coordinator","post"],
["Moreover, we have emphasized to the U.S. that it must meet the same standards it demands of others. Simply put, please meet your own standards before demanding from others.","wang-meet-your-own-standards","claim"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"],
["More importantly, we need to take a broader and longer-term perspective and ask ourselves: What kind of cyber relationship should the U.S. and China establish? By what rules should we interact? Together, we should explore the right way to coexist in cyberspace.","wang-what-kind-of-cyber-relationship","claim"]]);
