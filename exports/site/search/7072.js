kgSearch.add("7072",[
["President","xi-jinping-president-post","post"],
["We have also informed the U.S. of China's categorization and criteria for critical infrastructure based on Chinese laws, demonstrating China's serious attitude toward protecting its critical infrastructure security.","wang-china-critical-infrastructure-criteria","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
