kgSearch.add("e280",[
["China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","china-rejects-us-accusations","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"]]);
