kgSearch.add("6a6f",[
["We are willing to engage in dialogue with the U.S. to jointly construct a peaceful, stable, and mutually respectful U.S.-China cyber relationship.","wang-willing-to-engage-in-dialogue","claim"],
["He urged the U.S. to reflect on the kind of cyber relationship it should establish with China, the rules by which the two countries should interact, and how to jointly explore the right way to coexist in cyberspace.","wang-urges-us-to-reflect","claim"]]);
