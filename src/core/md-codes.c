/* placeholder until kb lands md-codes.c */
