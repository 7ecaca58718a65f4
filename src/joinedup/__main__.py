from joinedup.cli import main

main()
