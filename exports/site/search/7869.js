kgSearch.add("7869",[
["President","xi-jinping-president-post","post"],
["Xi Jinping","xi-jinping","person"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
