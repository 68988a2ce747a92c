kgSearch.add("706f",[
["President","xi-jinping-president-post","post"],
["The U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure.","sullivan-clear-message-to-china","claim"],
["U.S. National Security Advisor Jake Sullivan has stated that the U.S. has sent a clear message to China about the potential consequences of destructive cyberattacks on U.S. critical infrastructure. What is China's response to this?","wang-lei-interview-question-1","question"],
["The key issue here is that the U.S. should pay attention to China’s concerns and not assume that being loud equates to being right. Unilaterally imposing rules on other nations under the guise of \"operating from a position of strength\" is not a viable approach.","wang-loud-is-not-right","claim"]]);
