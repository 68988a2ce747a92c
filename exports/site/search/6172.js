kgSearch.add("6172",[
["Department of Arms Control","department-of-arms-control","department"],
["China's Top Cyber Diplomat Pushes Back Against U.S. Cyberattack Accusations: Meet Your Own Standards Before Demanding from Others","china-top-cyber-diplomat-article","article"],
["We are willing to engage in dialogue with the U.S. to jointly construct a peaceful, stable, and mutually respectful U.S.-China cyber relationship.","wang-willing-to-engage-in-dialogue","claim"],
["The U.S. and China are the two most influential nations in the global cyber sphere and are also the two most deeply reliant on it. Both countries share similar concerns regarding their own cybersecurity, particularly the security of critical infrastructure.","wang-most-influential-cyber-nations","claim"]]);
