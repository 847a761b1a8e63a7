:HL["/_next/static/chunks/1ibiw9xr1w588.css","style"]
2:[["children",{"s":"__PAGE__","h":160}]]
1:[["children",{"s":"/_not-found","h":96,"c":"$Q2"}]]
0:{"b":"RPl8Fx-E1l_eZ3jKsHo3M","t":{"t":{"s":"","h":80,"c":"$Q1"}}}
