# Its committed transcript (changed_output.out) is from before an edit: what it prints now differs.
print("the edited line")
