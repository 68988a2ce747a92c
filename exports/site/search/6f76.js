kgSearch.add("6f76",[
["U.S.-China disputes over cyberattacks","us-china-cyber-disputes","topic"]]);
