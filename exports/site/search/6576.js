kgSearch.add("6576",[
["China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","china-rejects-us-accusations","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["While the two sides have differences in the cyber domain, these can and should be discussed openly and based on facts and evidence, underpinned by mutual respect and common rules.","wang-differences-discussed-openly","claim"]]);
