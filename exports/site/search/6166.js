kgSearch.add("6166",[
["Ministry of Foreign Affairs","mofa","ministry"],
["Coordinator for Cyber Affairs","state-department-cyber-affairs-coordinator","post"],
["Cyber and Digital Affairs Office","cyber-digital-affairs-office","office"],
["Coordinator for Cyber and Digital Affairs","mofa-cyber-digital-affairs-coordinator","post"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
