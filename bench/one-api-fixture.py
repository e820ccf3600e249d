#!/usr/bin/env python3
"""Writes a one-api SQLite database of a given size for bench/one-api-import.sh.

usage: one-api-fixture.py FILE USERS TOKENS CHANNELS CODES

The tables and columns are one-api's (its GORM models); every user has the same bcrypt hash
(of 'bench-password'), tokens are spread over the users, channels are OpenAI-type with two keys.
"""
import random
import sqlite3
import string
import sys

BCRYPT = "$2a$10$HSg/yQbknc.WfLkFsr1RnOQ0nJCe8zVBpUVZHa/1ZzQ.rkTJJ/HUW"  # bench-password, cost 10


def main():
    path, users, tokens, channels, codes = sys.argv[1], *map(int, sys.argv[2:6])
    rnd = random.Random(17)
    alnum = string.ascii_letters + string.digits
    db = sqlite3.connect(path)
    db.executescript("""
        create table channels (id integer primary key autoincrement, type integer default 0, "key" text,
          status integer default 1, name text, weight integer default 0, created_time integer, test_time integer,
          response_time integer, base_url text default '', other text, balance real, balance_updated_time integer,
          models text, "group" varchar(32) default 'default', used_quota integer default 0,
          model_mapping varchar(1024) default '', priority integer default 0, config text, system_prompt text);
        create table users (id integer primary key autoincrement, username text unique, password text not null,
          display_name text, role integer default 1, status integer default 1, email text, github_id text,
          wechat_id text, lark_id text, oidc_id text, access_token char(32), quota integer default 0,
          used_quota integer default 0, request_count integer default 0, "group" varchar(32) default 'default',
          aff_code varchar(32), inviter_id integer);
        create table tokens (id integer primary key autoincrement, user_id integer, "key" char(48) unique,
          status integer default 1, name text, created_time integer, accessed_time integer,
          expired_time integer default -1, remain_quota integer default 0, unlimited_quota numeric default 0,
          used_quota integer default 0, models text default '', subnet text default '');
        create table redemptions (id integer primary key autoincrement, user_id integer, "key" char(32) unique,
          status integer default 1, name text, quota integer default 100, created_time integer,
          redeemed_time integer);
        create table options ("key" text primary key, value text);
    """)
    db.executemany('insert into channels (type, "key", status, name, models, "group", priority)'
                   ' values (1, ?, 1, ?, ?, \'default\', 0)',
                   [(f"sk-up-{i}-a\nsk-up-{i}-b", f"channel {i}", f"bench-model-{i % 20}") for i in range(channels)])
    db.executemany('insert into users (username, password, display_name, role, status, email, quota, used_quota)'
                   ' values (?, ?, ?, 1, 1, ?, ?, 0)',
                   [(f"user{i:05d}", BCRYPT, f"用户{i}", f"user{i}@example.com", 1_000_000) for i in range(users)])
    db.executemany('insert into tokens (user_id, "key", status, name, created_time, expired_time, remain_quota,'
                   ' unlimited_quota) values (?, ?, 1, ?, 0, -1, ?, ?)',
                   [(1 + i % users, "".join(rnd.choice(alnum) for _ in range(48)), f"key {i}", 500_000, i % 5 == 0)
                    for i in range(tokens)])
    db.executemany('insert into redemptions (user_id, "key", status, name, quota, created_time)'
                   ' values (1, ?, 1, ?, 100000, 0)',
                   [("".join(rnd.choice("abcdef9876543210") for _ in range(32)), f"batch {i // 1000}")
                    for i in range(codes)])
    db.execute('insert into options ("key", value) values (\'ModelRatio\', ?)',
               ("{" + ",".join(f'"bench-model-{i}":0.5' for i in range(20)) + "}",))
    db.commit()
    db.close()


if __name__ == "__main__":
    main()
