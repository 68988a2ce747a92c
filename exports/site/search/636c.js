kgSearch.add("636c",[
["The U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure.","sullivan-clear-message-to-china","claim"],
["We have made it clear to the Biden administration that China rejects the U.S.’s baseless accusations against China regarding specific incidents without evidence.","wang-china-rejects-us-accusations","claim"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"]]);
