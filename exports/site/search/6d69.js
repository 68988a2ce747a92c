kgSearch.add("6d69",[
["Ministry of Foreign Affairs","mofa","ministry"]]);
