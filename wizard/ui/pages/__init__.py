"""The wizard's pages: Welcome, choose the guide, sign in, one page per guide page, Summary."""
