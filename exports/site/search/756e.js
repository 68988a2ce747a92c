kgSearch.add("756e",[
["United States","united-states","country"],
["While the two sides have differences in the cyber domain, these can and should be discussed openly and based on facts and evidence, underpinned by mutual respect and common rules.","wang-differences-discussed-openly","claim"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"]]);
