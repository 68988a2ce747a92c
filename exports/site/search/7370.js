kgSearch.add("7370",[
["Accusations against China regarding specific incidents.","us-accusations-against-china","claim"],
["China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","china-rejects-us-accusations","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
