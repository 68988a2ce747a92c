kgSearch.add("6b69",[
["He urged the U.S. to reflect on the kind of cyber relationship it should establish with China, the rules by which the two countries should interact, and how to jointly explore the right way to coexist in cyberspace.","wang-urges-us-to-reflect","claim"],
["More importantly, we need to take a broader and longer-term perspective and ask ourselves: What kind of cyber relationship should the U.S. and China establish? By what rules should we interact? Together, we should explore the right way to coexist in cyberspace.","wang-what-kind-of-cyber-relationship","claim"]]);
