kgSearch.add("746f",[
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"],
["More importantly, we need to take a broader and longer-term perspective and ask ourselves: What kind of cyber relationship should the U.S. and China establish? By what rules should we interact? Together, we should explore the right way to coexist in cyberspace.","wang-what-kind-of-cyber-relationship","claim"]]);
