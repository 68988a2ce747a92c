kgSearch.add("6275",[
["China is committed to this vision and seeks to build forward-looking U.S.-China cyber relations.","wang-forward-looking-cyber-relations","claim"],
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"]]);
