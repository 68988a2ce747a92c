kgSearch.add("7572",[
["He urged the U.S. to reflect on the kind of cyber relationship it should establish with China, the rules by which the two countries should interact, and how to jointly explore the right way to coexist in cyberspace.","wang-urges-us-to-reflect","claim"]]);
