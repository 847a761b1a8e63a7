1:[["children",{"s":"__PAGE__","h":176}]]
0:{"b":"RPl8Fx-E1l_eZ3jKsHo3M","t":{"t":{"s":"","h":80,"c":"$Q1"}}}
