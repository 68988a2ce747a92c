kgSearch.add("666f",[
["Ministry of Foreign Affairs","mofa","ministry"],
["China is committed to this vision and seeks to build forward-looking U.S.-China cyber relations.","wang-forward-looking-cyber-relations","claim"]]);
