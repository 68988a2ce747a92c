kgSearch.add("6269",[
["Biden administration","biden-administration","administration"],
["bilateral and global AI dialogues","ai-dialogues","topic"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"]]);
