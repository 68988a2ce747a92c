kgSearch.add("6661",[
["While the two sides have differences in the cyber domain, these can and should be discussed openly and based on facts and evidence, underpinned by mutual respect and common rules.","wang-differences-discussed-openly","claim"]]);
