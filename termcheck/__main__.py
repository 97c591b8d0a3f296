from termcheck.cli import main

main()
