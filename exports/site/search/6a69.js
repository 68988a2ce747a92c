kgSearch.add("6a69",[
["President","xi-jinping-president-post","post"],
["Xi Jinping","xi-jinping","person"]]);
