kgSearch.add("6d61",[
["Wang criticized the U.S. for ignoring China's concerns while making numerous demands of China without meeting those standards itself.","wang-criticizes-us-demands","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["Two major nations like the U.S. and China cannot afford to ignore or disengage from each other, let alone engage in conflict or confrontation. Instead, they should strive for mutual respect, peaceful coexistence, and win-win cooperation, progressing along a stable, healthy, and sustainable path.","xi-major-nations-cannot-ignore-each-other","claim"]]);
