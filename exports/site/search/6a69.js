kgSearch.add("6a69",[
["Xi Jinping","xi-jinping","person"],
["President","xi-jinping-president-post","post"]]);
