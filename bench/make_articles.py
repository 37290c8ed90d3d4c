#!/usr/bin/env python3
"""Writes N synthetic articles, half English and half Chinese, of about the
size of a news story (2,000-4,000 characters), as JSON {title, text} files
or as article messages (--messages, one "id<TAB>json" line each).

Usage: make_articles.py N OUT_DIR_OR_FILE [--messages] [--seed S]"""
import hashlib
import json
import os
import random
import sys

EN_SUBJECTS = ["The company", "Regulators", "The research team", "Investors", "The startup",
               "Its chief executive", "Analysts", "The cloud provider", "Engineers", "Customers"]
EN_VERBS = ["announced", "reported", "confirmed", "estimated", "warned", "expected", "denied",
            "disclosed", "proposed", "measured"]
EN_OBJECTS = ["a new model with %d billion parameters", "revenue of %d million dollars",
              "a price cut of %d percent", "a data centre of %d megawatts",
              "a benchmark score of %d points", "%d new enterprise customers",
              "a delay of %d weeks", "a funding round of %d million dollars"]
EN_TAILS = ["on Monday", "in a filing", "at a conference in Berlin", "according to people familiar with it",
            "after months of talks", "in a blog post", "to reporters", "ahead of the launch"]
ZH_SUBJECTS = ["该公司", "监管部门", "研究团队", "投资方", "这家初创企业", "首席执行官", "分析人士", "云服务商", "工程师", "客户"]
ZH_VERBS = ["宣布", "披露", "确认", "预计", "警告", "表示", "否认", "公布", "提出", "测得"]
ZH_OBJECTS = ["参数规模达%d亿的新模型", "营收%d亿元", "降价%d%%", "%d兆瓦的数据中心", "基准测试得分%d分",
              "新增%d家企业客户", "推迟%d周", "%d亿元融资"]
ZH_TAILS = ["，消息人士称", "，据公告显示", "，在北京的发布会上", "，较去年同期明显增长", "，引发业内关注", "，后续细节尚待公布"]


def en_article(rng, i):
    name = rng.choice(["Northwind", "Helix", "Corvid", "Tessera", "Lumen", "Quarry"]) + " " + rng.choice(["Labs", "AI", "Systems", "Robotics"])
    title = "%s %s %s" % (name, rng.choice(["unveils", "raises", "cuts", "delays", "expands"]), rng.choice(["model", "prices", "chip plans", "cloud deal", "funding"]))
    paras = []
    while sum(len(p) for p in paras) < rng.randint(2000, 4000):
        sents = []
        for _ in range(rng.randint(2, 4)):
            sents.append("%s %s %s %s." % (rng.choice(EN_SUBJECTS), rng.choice(EN_VERBS),
                                          rng.choice(EN_OBJECTS) % rng.randint(2, 900), rng.choice(EN_TAILS)))
        paras.append(" ".join(sents).replace("The company", name, 1))
    return title + " (%d)" % i, "\n\n".join(paras)


def zh_article(rng, i):
    name = rng.choice(["智元", "深度求索", "北辰", "星河", "云雀", "天工"]) + rng.choice(["科技", "智能", "机器人", "实验室"])
    title = "%s%s%s" % (name, rng.choice(["发布", "完成", "下调", "推迟", "扩大"]), rng.choice(["新模型", "融资", "价格", "芯片计划", "合作"]))
    paras = []
    while sum(len(p) for p in paras) < rng.randint(1000, 2000):
        sents = []
        for _ in range(rng.randint(2, 4)):
            sents.append("%s%s%s%s。" % (rng.choice(ZH_SUBJECTS), rng.choice(ZH_VERBS),
                                        rng.choice(ZH_OBJECTS) % rng.randint(2, 900), rng.choice(ZH_TAILS)))
        paras.append("".join(sents).replace("该公司", name, 1))
    return title + "（%d）" % i, "\n\n".join(paras)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    messages = "--messages" in sys.argv
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    rng = random.Random(seed)
    if messages:
        f = open(out, "w", encoding="utf-8")
    else:
        os.makedirs(out, exist_ok=True)
    for i in range(n):
        zh = i % 2 == 1
        title, text = zh_article(rng, i) if zh else en_article(rng, i)
        if not messages:
            with open(os.path.join(out, "a%05d.json" % i), "w", encoding="utf-8") as g:
                json.dump({"title": title, "text": text}, g, ensure_ascii=False)
            continue
        url = "https://bench.example/%d/%d" % (seed, i)
        aid = hashlib.sha256(url.encode()).hexdigest()[:32]
        art = {"schema": "precis.article/1", "id": aid, "url": url,
               "source": {"name": "Bench", "lang": "zh" if zh else "en", "category": "AI", "weight": 1},
               "title": title, "text": text, "lang": "zh" if zh else "en", "method": "dom",
               "char_count": len(text), "word_count": len(text.split()),
               "extracted_at": "2026-11-29T08:00:00Z"}
        f.write(aid + "\t" + json.dumps(art, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
