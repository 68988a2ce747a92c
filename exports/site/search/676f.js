kgSearch.add("676f",[
["global cyberspace governance","global-cyberspace-governance","topic"]]);
