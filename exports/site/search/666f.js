kgSearch.add("666f",[
["China's categorization and criteria for critical infrastructure based on Chinese laws.","china-informs-us-of-critical-infrastructure-criteria","claim"],
["Ministry of Foreign Affairs","mofa","ministry"],
["Coordinator for Cyber and Digital Affairs","mofa-cyber-digital-affairs-coordinator","post"],
["Coordinator for Cyber Affairs","state-department-cyber-affairs-coordinator","post"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"],
["Wang criticized the U.S. for ignoring China's concerns while making numerous demands of China without meeting those standards itself.","wang-criticizes-us-demands","claim"],
["China is committed to this vision and seeks to build forward-looking U.S.-China cyber relations.","wang-forward-looking-cyber-relations","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
