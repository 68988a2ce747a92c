kgSearch.add("7669",[
["China is committed to this vision and seeks to build forward-looking U.S.-China cyber relations.","wang-forward-looking-cyber-relations","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"]]);
