kgSearch.add("6e6f",[
["Safeguarding peace and stability in cyberspace not only serves the mutual interests of both sides but should also be their shared objective.","wang-peace-stability-shared-objective","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"]]);
