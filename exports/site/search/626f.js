kgSearch.add("626f",[
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
