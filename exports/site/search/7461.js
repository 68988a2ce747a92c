kgSearch.add("7461",[
["More importantly, we need to take a broader and longer-term perspective and ask ourselves: What kind of cyber relationship should the U.S. and China establish? By what rules should we interact? Together, we should explore the right way to coexist in cyberspace.","wang-what-kind-of-cyber-relationship","claim"]]);
