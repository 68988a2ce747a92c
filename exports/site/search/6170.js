kgSearch.add("6170",[
["We firmly believe that, regardless of changes in the U.S. administration, this approach remains the best long-term solution to addressing our shared concerns.","wang-best-long-term-solution","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"]]);
