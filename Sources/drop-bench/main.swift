import Drop
print("drop-bench \(Drop.version)")
