kgSearch.add("736f",[
["We firmly believe that, regardless of changes in the U.S. administration, this approach remains the best long-term solution to addressing our shared concerns.","wang-best-long-term-solution","claim"]]);
