#!/usr/bin/env python3
"""Writes the bundled example corpus under examples/site/.

Five invented outlets, three in English and two in Chinese, each with its own
feed format and page layout (navigation, sidebars, ads, comments and footers
included, as real pages have them). Every article text here was written for
precis; none is copied. The output is committed, so running precis never
needs this script; rerun it after editing the articles below.
"""
import html
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples", "site")

SITES = {
    "tensor-ledger": {"name": "Tensor Ledger", "lang": "en", "feed": "rss2"},
    "inference-weekly": {"name": "Inference Weekly", "lang": "en", "feed": "atom"},
    "zhiyuan-kuaixun": {"name": "智元快讯", "lang": "zh", "feed": "rss2-content"},
    "suanli-guancha": {"name": "算力观察", "lang": "zh", "feed": "rdf"},
    "wire-brief": {"name": "Wire Brief", "lang": "en", "feed": "rss2"},
}

# (site, slug, date, author, title, paragraphs, comments)
ARTICLES = [
    ("tensor-ledger", "cobalt-compute-raises-400m", "2026-11-28T08:10:00Z", "Dana Whitfield",
     "Cobalt Compute raises $400 million to build liquid-cooled inference clusters",
     ["Cobalt Compute, a three-year-old infrastructure start-up based in Austin, said on Thursday that it had raised $400 million in a Series C round led by Harbor Growth Partners, valuing the company at $3.1 billion.",
      "The company builds inference clusters cooled by a closed loop of dielectric fluid, which it says lets a rack draw up to 180 kilowatts without the chilled-water plants that conventional data centres need. Chief executive Priya Raman said the design cuts the energy spent on cooling by roughly 40 percent.",
      "Cobalt will use the money to open two sites in Texas and Ohio next year, adding about 60 megawatts of capacity. Both will sell capacity by the hour to companies running language models in production rather than training them.",
      "Investors have poured money into inference capacity this year as the cost of serving models, not training them, has become the larger line in many AI budgets. Harbor's partner Lewis Ocampo said demand for low-latency inference was growing faster than any other segment the firm tracks.",
      "Cobalt said it expects revenue to triple in 2027. The company did not disclose its current revenue or whether it is profitable."],
     ["Another cooling start-up, another billion-dollar valuation. Wake me up when they publish PUE numbers.",
      "180 kW per rack is serious. Curious how they handle maintenance without draining the loop.",
      "The Ohio site is near a substation that was already oversubscribed last year, so the timeline looks optimistic to me. Local utilities have been pushing back on new data centre hookups for months and nobody in the announcement mentions grid capacity at all."]),
    ("tensor-ledger", "northwind-humanoid-warehouse-pilot", "2026-11-27T14:30:00Z", "Marcus Bell",
     "Northwind Robotics puts 50 humanoid robots to work in a grocery warehouse",
     ["Northwind Robotics has begun a six-month pilot in which 50 of its two-armed humanoid robots unload totes and restock shelves at a grocery distribution centre in Rotterdam, the company said.",
      "The robots work alongside about 200 human staff on the night shift. Each robot handles items up to 15 kilograms and recharges itself at docking stations during short breaks, giving roughly 20 hours of work a day.",
      "Northwind says the pilot is the largest deployment of general-purpose humanoids in logistics so far. Earlier trials by rivals have involved fewer than ten machines at a time.",
      "The warehouse operator, FreshLane, said it will measure picking errors, injuries and throughput against human-only shifts before deciding whether to extend the contract. Staff representatives said they had been promised that no jobs would be cut during the pilot.",
      "Northwind did not say what each robot costs, but chief operating officer Sanne de Vries said the company aims to lease them for less than the hourly cost of a forklift and driver by 2028."],
     ["Rotterdam night shift is brutal work, if robots take the heavy totes I'm all for it."]),
    ("tensor-ledger", "meridian-open-weights-model", "2026-11-26T09:00:00Z", "Dana Whitfield",
     "Meridian AI releases open-weights model that runs on a single consumer GPU",
     ["Meridian AI on Wednesday released Meridian-14B, an open-weights language model that the company says matches much larger models on coding and reasoning benchmarks while fitting on a single consumer graphics card.",
      "The model uses a mixture of grouped attention and 4-bit quantisation-aware training, which lets it run in about 10 gigabytes of memory. Meridian says it scored 71 percent on a widely used coding benchmark, ahead of several 70-billion-parameter models.",
      "The weights are published under a licence that permits commercial use for companies with fewer than 700 million monthly users. Meridian also released the training recipe but not the full training data.",
      "Independent researchers cautioned that benchmark scores can be inflated when test questions leak into training data. Meridian said it had filtered its corpus against the benchmarks it reports, and published the filtering code.",
      "The release intensifies competition among small open models, which developers increasingly run on laptops and on-premises servers to keep data private and costs predictable."],
     []),
    ("tensor-ledger", "eu-ai-office-fines", "2026-11-25T16:45:00Z", "Ilse Maren",
     "EU AI Office issues its first fines under the AI Act",
     ["The European Union's AI Office fined two companies a combined 11 million euros on Tuesday, the first penalties imposed under the bloc's AI Act since its obligations for general-purpose models took effect.",
      "The larger fine, 8 million euros, went to a recruitment software vendor that the office said had deployed an emotion-recognition feature in job interviews, a practice the act bans outright. A chatbot provider was fined 3 million euros for failing to label AI-generated content shown to users.",
      "Both companies have three months to appeal. The office did not name them, saying it would do so once the decisions become final.",
      "Lawyers said the amounts were modest compared with the act's ceiling of 7 percent of global turnover, but that the decisions would be read closely as a signal of how strictly the rules will be enforced.",
      "The office said it had opened 14 further investigations, most of them concerning transparency duties."],
     ["Emotion recognition in interviews should never have been legal anywhere. Good."]),
    ("tensor-ledger", "quill-health-radiology-approval", "2026-11-24T11:20:00Z", "Marcus Bell",
     "Quill Health wins approval for AI that drafts radiology reports",
     ["Quill Health said its software for drafting chest X-ray reports has been cleared by the US Food and Drug Administration, making it one of the first generative tools approved to write clinical text that a doctor then signs.",
      "The system reads the image and the referral note and produces a draft report, which a radiologist must review and edit before it is released. Quill says radiologists in its trial finished reports 35 percent faster with no rise in missed findings.",
      "The clearance covers adult chest X-rays only. Quill said it would seek approval for CT scans next year.",
      "Patient groups welcomed the speed but asked for hospitals to disclose when a report was drafted by software. Quill said every report carries a note recording that the draft was machine-generated."],
     []),
    ("inference-weekly", "cobalt-series-c", "2026-11-28T10:00:00Z", "Theo Lindqvist",
     "Inference start-up Cobalt Compute lands $400m Series C at $3.1bn valuation",
     ["Cobalt Compute has closed a $400 million Series C round led by Harbor Growth Partners, the Austin company announced, in a deal that values it at $3.1 billion.",
      "Cobalt's pitch is density: its racks are immersed in a sealed dielectric coolant loop and can draw as much as 180 kilowatts each, far beyond what air cooling allows. The company claims cooling overhead falls by about 40 percent compared with chilled-water designs.",
      "The new funds will pay for two data centres, in Texas and Ohio, totalling around 60 megawatts, both due to open in 2027 and dedicated to serving models rather than training them.",
      "The round is the latest sign that money is shifting towards inference. For many companies that deploy language models, the bill for serving them now exceeds what they spent on training.",
      "Cobalt declined to give revenue figures but told investors it expects revenue to triple next year."],
     []),
    ("inference-weekly", "arclight-speculative-decoding", "2026-11-27T07:45:00Z", "Ruth Okafor",
     "Why speculative decoding is quietly halving inference bills",
     ["Speculative decoding, a trick in which a small draft model proposes several tokens and a large model checks them in one pass, has moved from research papers into the default settings of most serving stacks this year.",
      "The appeal is simple: when the draft model guesses right, the large model produces several tokens for the price of one forward pass. Operators we spoke to reported speed-ups between 1.8 and 2.6 times on chat workloads, with identical output.",
      "The gains shrink on creative writing and code with long unusual identifiers, where the draft model guesses wrong more often. One engineer at a hosting company said their acceptance rate falls below 50 percent on such prompts, at which point the technique barely pays.",
      "Arclight, the open-source serving project, now enables speculative decoding automatically when a compatible draft model is available, and picks the number of draft tokens per request based on recent acceptance rates.",
      "For teams paying by the GPU-hour, the lesson is that the cheapest speed-up may already be sitting in their configuration file."],
     []),
    ("inference-weekly", "sable-prompt-injection-report", "2026-11-26T13:15:00Z", "Ruth Okafor",
     "Sable Security finds prompt injection in 9 of 12 AI agents it tested",
     ["Sable Security tested twelve commercial AI agents that browse the web or read email on a user's behalf, and found that nine of them could be made to leak data or take unwanted actions by instructions hidden in the content they read.",
      "In the worst case, a calendar assistant forwarded a user's private meeting notes to an outside address after reading an invitation whose description contained a hidden instruction. Sable said the vendor fixed the flaw within a week of being told.",
      "The three agents that resisted the attacks all separated the instructions a user gives from the text the agent reads, and asked for confirmation before sending anything outside the account.",
      "Sable recommends that agent builders treat every retrieved document as untrusted input, limit which tools an agent can call without confirmation, and log every action an agent takes.",
      "The firm has published its test cases so that vendors can check their own products."],
     []),
    ("inference-weekly", "verdant-grid-datacentre-power", "2026-11-25T09:30:00Z", "Theo Lindqvist",
     "Data centres are now the fastest-growing load on Verdant Grid's network",
     ["Verdant Grid, which runs transmission lines across four US states, said data centres accounted for 62 percent of the new electricity demand connected to its network in the past year.",
      "The operator said requests to connect new data centres now total 14 gigawatts, more than its entire current peak load. Most requests come from companies building capacity for AI workloads.",
      "Verdant plans to spend $9 billion on new lines and substations over five years, but warned that some projects would wait until 2030 for a connection.",
      "The company proposed that large new loads pay upfront for the grid upgrades they require, and that they agree to cut consumption during emergencies in exchange for faster connection."],
     []),
    ("inference-weekly", "kestrel-eval-suite", "2026-11-24T15:00:00Z", "Amara Chen",
     "Kestrel Foundation launches an evaluation suite built from unpublished questions",
     ["The Kestrel Foundation, a non-profit research group, has launched an evaluation suite of 4,000 questions that have never been published online, in an attempt to measure language models without the contamination that plagues public benchmarks.",
      "Models are tested through an interface that never reveals the questions to the model's developer. Kestrel rotates a quarter of the questions every three months and retires those that appear anywhere on the web.",
      "In its first results, the best model answered 58 percent of the questions correctly, far below the scores the same model reaches on popular public benchmarks.",
      "Kestrel said the gap suggests that public scores overstate real ability, though it cautioned that its own questions are harder on average.",
      "The foundation is funded by grants and does not accept money from model developers."],
     []),
    ("zhiyuan-kuaixun", "beichen-humanoid-factory", "2026-11-28T02:00:00Z", "林晓",
     "北辰机器人人形机器人进厂打工，首批100台在汽车总装线上岗",
     ["北辰机器人11月27日宣布，其自主研发的双足人形机器人“启明二代”已在一家合资车企的总装车间正式上岗，首批100台负责车门内饰件的搬运和预装。",
      "据介绍，启明二代身高1.7米，单臂负载20公斤，依靠视觉和力觉传感器识别零件位置，可在产线节拍内完成抓取、对位和放置。北辰方面表示，在为期三个月的试运行中，机器人完成的工序合格率达到99.2%。",
      "北辰机器人创始人周远表示，人形机器人最大的优势在于可以直接使用为人设计的工位和工具，工厂无需大规模改造产线。公司计划明年将产能提升至每年5000台。",
      "业内人士指出，人形机器人目前单台成本仍在数十万元，距离大规模替代人工还有距离，但在重复性高、劳动强度大的岗位上已经显示出经济性。",
      "该车企表示，上岗的机器人不会替换现有员工，原岗位工人将转岗负责设备巡检和质量复核。"],
     ["这个合格率如果是真的，确实厉害。", "关键看维护成本，电池和关节的寿命是多少？", "三个月试运行时间太短了，希望看到一年以后的数据。汽车工厂的环境对设备要求很高，粉尘、油污、温差都会影响传感器，实验室里的数据和真实产线往往差别很大。另外一百台机器人同时工作，调度系统也是个大问题。"]),
    ("zhiyuan-kuaixun", "lingxi-model-price-cut", "2026-11-27T06:30:00Z", "王珂",
     "灵犀大模型API价格下调八成，长文本调用成本降至每百万字三元",
     ["灵犀智能26日宣布，旗下灵犀大模型的API调用价格全线下调，其中主力模型输入价格降幅达80%，长文本场景下每百万字调用成本降至约3元。",
      "灵犀智能表示，降价主要得益于推理框架的优化和自研推理芯片的规模化部署，单卡吞吐量较年初提升了约3倍。公司同时推出了按峰谷时段计价的方案，夜间调用可再享五折。",
      "这是今年国内大模型厂商的第三轮集体降价。多家企业客户表示，价格下降后，此前因成本过高而搁置的客服质检、合同审查等项目重新进入了评估阶段。",
      "分析人士认为，价格战将加速行业洗牌，缺乏算力和工程优势的中小厂商将面临更大压力，行业竞争的重点正在从模型参数规模转向推理效率和应用落地。"],
     []),
    ("zhiyuan-kuaixun", "qinghe-medical-pathology", "2026-11-26T03:15:00Z", "陈静",
     "青禾医疗病理AI获批三类证，可辅助识别胃癌切片",
     ["青禾医疗25日宣布，其胃癌病理切片辅助诊断软件获得国家药品监督管理局三类医疗器械注册证，成为国内首个获批用于胃癌病理的人工智能产品。",
      "该软件可在数字病理切片中自动标注疑似癌变区域，并给出风险分级，供病理医生复核。青禾医疗公布的多中心临床试验数据显示，在医生使用软件辅助的情况下，阅片时间平均缩短了42%，漏诊率下降了约三成。",
      "我国病理医生缺口长期存在，基层医院尤为突出。青禾医疗表示，产品将优先在县级医院推广，并通过远程病理平台连接上级医院的专家。",
      "专家提醒，人工智能只能作为辅助工具，最终诊断仍须由具备资质的病理医生作出，医院在引入相关产品时应建立明确的复核流程。"],
     []),
    ("zhiyuan-kuaixun", "shenqiong-chip-tapeout", "2026-11-25T08:00:00Z", "林晓",
     "深穹算力发布新一代推理芯片，能效比提升2.5倍",
     ["深穹算力24日在深圳发布新一代云端推理芯片“穹顶3”，公司称其在大模型推理任务上的能效比较上一代提升2.5倍。",
      "穹顶3采用芯粒架构，集成了144GB高带宽内存，针对注意力计算和低精度矩阵运算做了专门优化。深穹算力表示，在主流开源模型上，单卡每秒可生成超过一万个词元。",
      "公司透露，穹顶3已获得多家云服务商的订单，预计明年二季度批量交付。深穹算力同时发布了配套的软件栈，兼容主流推理框架，开发者迁移代码的工作量较小。",
      "业内人士表示，国产推理芯片正在从“能用”走向“好用”，但软件生态和供应链稳定性仍是决定其市场份额的关键。"],
     []),
    ("zhiyuan-kuaixun", "ai-regulation-labeling", "2026-11-24T09:40:00Z", "王珂",
     "人工智能生成内容标识办法实施满三个月，多家平台上线自动标注",
     ["人工智能生成合成内容标识办法实施已满三个月。记者梳理发现，主要短视频、社交和资讯平台均已上线自动标注功能，对平台识别出的生成内容添加显式提示。",
      "按照规定，提供生成服务的企业需要在生成内容中添加隐式标识，传播平台则需要核验标识并向用户作出提示。多家平台表示，目前对图片和视频的识别准确率较高，但对经过二次编辑的文本内容识别仍有难度。",
      "有平台负责人介绍，对于未添加标识且被识别为生成内容的作品，平台会先提醒创作者补充声明，多次违规的账号将被限制流量。",
      "法律界人士认为，标识制度有助于减少虚假信息传播，下一步需要完善跨平台的标识互认机制，避免同一内容在不同平台被重复核验。"],
     []),
    ("suanli-guancha", "beichen-robot-auto-plant", "2026-11-28T04:20:00Z", "赵一鸣",
     "百台人形机器人进驻汽车工厂：北辰机器人迈出量产应用关键一步",
     ["北辰机器人近日宣布，100台“启明二代”人形机器人已进入一家合资车企的总装车间，承担车门内饰件的搬运与预装工作，这是国内人形机器人在汽车工厂最大规模的一次部署。",
      "北辰方面公布的数据显示，试运行三个月期间，机器人完成工序的合格率为99.2%，与熟练工人基本持平。机器人单臂可负载20公斤，依靠视觉与力觉融合完成零件定位。",
      "北辰机器人计划明年将年产能提高到5000台，并将应用场景扩展到物流分拣和电子装配。",
      "记者注意到，人形机器人的单台价格仍然较高，规模化应用能否降低成本、维护体系能否跟上，将决定这类产品能否真正走进更多工厂。"],
     []),
    ("suanli-guancha", "liquid-cooling-adoption", "2026-11-27T01:10:00Z", "孙蕾",
     "液冷从可选项变成必选项：智算中心散热方案加速切换",
     ["随着单机柜功率密度不断攀升，液冷正在从智算中心的可选项变成必选项。多家数据中心运营商表示，新建的智算机房中液冷方案的占比已超过六成。",
      "传统风冷机柜的功率上限一般在20千瓦左右，而新一代训练和推理服务器的单柜功率普遍超过60千瓦，部分方案甚至达到100千瓦以上。冷板式液冷改造成本相对较低，是目前的主流选择；浸没式液冷散热效率更高，但对运维提出了新的要求。",
      "业内测算显示，采用液冷后数据中心的电能利用效率可降至1.2以下，每年可节省大量电费。但液冷设备的初期投资比风冷高出约三成，冷却液的采购和回收也需要配套体系。",
      "专家建议，运营商在规划新机房时应一次性预留液冷管路，避免后期改造带来的停机损失。"],
     []),
    ("suanli-guancha", "yunxiu-data-labeling", "2026-11-26T07:00:00Z", "孙蕾",
     "云岫科技推出合成数据平台，降低大模型训练数据成本",
     ["云岫科技25日推出合成数据平台“岫川”，可根据企业提供的少量样例自动生成用于大模型微调的训练数据，并提供质量评估和去重工具。",
      "云岫科技表示，在客服、金融问答等场景的测试中，使用合成数据微调的模型效果接近使用人工标注数据的模型，而数据成本仅为后者的十分之一左右。",
      "不过，有研究人员提醒，过度依赖合成数据可能导致模型输出趋同，甚至放大原有数据中的偏差。云岫科技称，平台会对生成数据的多样性进行监测，并建议企业保留一定比例的真实数据。"],
     []),
    ("suanli-guancha", "xinghe-agent-platform", "2026-11-25T05:30:00Z", "赵一鸣",
     "星河智能发布企业智能体平台，主打流程自动化",
     ["星河智能24日发布企业级智能体平台，支持企业通过拖拽方式搭建能够调用内部系统的智能体，用于报销审核、采购比价和工单处理等流程。",
      "星河智能介绍，平台内置了权限管理和操作审计功能，智能体每一次调用外部系统都会被记录，涉及付款等敏感操作时必须由人工确认。",
      "首批试用企业反馈，智能体在规则清晰的流程中表现稳定，但面对非标准单据时仍需人工介入。星河智能表示，将持续优化模型对复杂文档的理解能力。",
      "分析人士认为，智能体正在成为大模型厂商争夺企业客户的新战场，安全可控和与现有系统的集成能力是企业选型时最关心的问题。"],
     []),
    ("wire-brief", "cobalt-funding-round", "2026-11-28T12:40:00Z", "Staff",
     "Cobalt Compute valued at $3.1 billion after $400 million raise",
     ["Austin-based Cobalt Compute has raised $400 million from investors led by Harbor Growth Partners, the company said, in a round that puts its value at $3.1 billion.",
      "The start-up makes immersion-cooled racks for running AI models. It says each rack can take up to 180 kilowatts and that the design uses about 40 percent less energy for cooling.",
      "Cobalt plans sites in Texas and Ohio with about 60 megawatts between them. Chief executive Priya Raman said the company would rent the capacity by the hour.",
      "The company did not disclose revenue."],
     []),
    ("wire-brief", "harbor-semiconductor-arizona", "2026-11-27T18:05:00Z", "Staff",
     "Harbor Semiconductor picks Arizona for its first accelerator plant",
     ["Harbor Semiconductor said it will build its first plant for AI accelerator chips near Phoenix, Arizona, at a cost of $12 billion, with production due to start in 2029.",
      "The plant is expected to employ 3,000 people. The company said it chose Arizona for its existing supplier base and skilled workforce, and that it had secured long-term water rights for the site.",
      "Analysts said the plant would ease shortages of accelerators but would not change the market before the end of the decade.",
      "Harbor did not say how many chips the plant would make each year."],
     []),
    ("wire-brief", "northwind-robots-paris", "2026-11-26T08:30:00Z", "Staff",
     "Northwind Robotics opens a research lab in Paris",
     ["Northwind Robotics is opening a research lab in Paris that will employ 120 engineers working on dexterous manipulation, the company announced.",
      "The lab will be led by Camille Laurent, who joins from a university robotics group. It will focus on teaching robots to handle soft and irregular objects such as clothing and fresh produce.",
      "Northwind said the lab is separate from its warehouse pilots and will publish part of its research openly."],
     []),
    ("suanli-guancha", "compute-voucher-policy", "2026-11-24T02:45:00Z", "孙蕾",
     "多地发放算力券，中小企业用算力成本最高可降一半",
     ["今年以来，已有十余个城市推出算力券政策，对中小企业和科研机构租用智能算力给予补贴，补贴比例一般在20%到50%之间。",
      "以某东部城市为例，企业在指定平台租用算力后，可按实际支出申请补贴，单家企业每年最高可获得500万元。当地主管部门表示，政策实施半年来，已有三百多家企业申领算力券。",
      "有企业负责人表示，算力券明显降低了模型训练和推理的成本，但申领流程仍较繁琐，希望能与算力平台直接结算。",
      "专家指出，算力券应与公共算力平台建设统筹推进，避免补贴资金流向闲置算力，真正支持有实际需求的创新项目。"],
     []),
]

E = html.escape


def rfc822(iso):
    import datetime
    d = datetime.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def page_tensor_ledger(site, a):
    _, slug, date, author, title, paras, comments = a
    body = "\n".join(f"      <p>{E(p)}</p>" for p in paras[:2])
    body += '\n      <div class="ad-slot"><span>Advertisement</span><a href="#">Upgrade your GPUs today</a></div>\n'
    body += "\n".join(f"      <p>{E(p)}</p>" for p in paras[2:])
    com = "\n".join(f'      <div class="comment"><span class="user">reader{i}</span><p>{E(c)}</p></div>'
                    for i, c in enumerate(comments, 1))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{E(title)} - Tensor Ledger</title>
  <meta property="og:site_name" content="Tensor Ledger">
  <meta name="author" content="{E(author)}">
  <meta property="article:published_time" content="{date}">
  <link rel="stylesheet" href="../assets/site.css">
  <script>window.dataLayer = window.dataLayer || []; function track(){{}}</script>
</head>
<body>
  <header class="masthead">
    <a class="logo" href="index.html">Tensor Ledger</a>
    <nav><ul><li><a href="#">Markets</a></li><li><a href="#">Models</a></li><li><a href="#">Chips</a></li><li><a href="#">Policy</a></li><li><a href="#">Subscribe</a></li></ul></nav>
  </header>
  <div class="breadcrumb"><a href="#">Home</a> &rsaquo; <a href="#">AI</a></div>
  <main>
    <article>
      <h1>{E(title)}</h1>
      <div class="byline">By {E(author)} &middot; <time datetime="{date}">{date[:10]}</time></div>
      <div class="article-body">
{body}
      </div>
      <div class="share-bar"><a href="#">Share on X</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
    </article>
    <section id="comments">
      <h3>Comments ({len(comments)})</h3>
{com}
    </section>
  </main>
  <aside class="sidebar">
    <h3>Most read</h3>
    <ul><li><a href="#">Chipmakers brace for another quarter of record demand</a></li><li><a href="#">Five questions to ask before you fine-tune</a></li><li><a href="#">The week in AI funding</a></li></ul>
    <div class="newsletter">Get the Ledger in your inbox every morning. <form><input type="email"><button>Sign up</button></form></div>
  </aside>
  <footer><p>&copy; 2026 Tensor Ledger Media. All rights reserved.</p><a href="#">Privacy</a> <a href="#">Cookies</a></footer>
  <div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
</body>
</html>
"""


def page_inference_weekly(site, a):
    _, slug, date, author, title, paras, comments = a
    body = "\n".join(f"    <p>{E(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{E(title)} | Inference Weekly</title>
<meta property="og:title" content="{E(title)}">
<meta property="og:site_name" content="Inference Weekly">
<meta name="pubdate" content="{date}">
</head>
<body class="single-post">
<div id="top-bar"><a href="/">Inference Weekly</a> <a href="/archive">Archive</a> <a href="/about">About</a></div>
<div class="wrap">
 <article class="post">
  <h1 class="entry-title">{E(title)}</h1>
  <p class="meta">Posted by <a href="#" rel="author">{E(author)}</a></p>
  <div class="entry-content">
{body}
  </div>
  <div class="author-bio"><img src="avatar.png" alt=""><p>{E(author)} writes about the economics of running AI systems. Follow on social media for more.</p></div>
 </article>
 <section class="related-posts"><h4>Related</h4><ul><li><a href="#">What a token really costs</a></li><li><a href="#">Batching, explained</a></li><li><a href="#">GPU spot prices this month</a></li></ul></section>
 <div class="subscribe-box"><h4>Subscribe</h4><p>One email a week. No spam.</p></div>
</div>
<footer class="site-footer">Inference Weekly is reader-supported. Copyright 2026.</footer>
</body>
</html>
"""


def page_zhiyuan(site, a):
    _, slug, date, author, title, paras, comments = a
    body = "\n".join(f'<p style="text-indent:2em">{E(p)}</p>' for p in paras)
    com = "\n".join(f'<li class="comment-item"><span class="nick">网友{i}</span><div class="txt">{E(c)}</div></li>'
                    for i, c in enumerate(comments, 1))
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>{E(title)}_智元快讯</title>
<meta name="keywords" content="人工智能,大模型,机器人">
<meta name="author" content="{E(author)}">
<meta name="publishdate" content="{date}">
</head>
<body>
<div id="top-nav"><a href="#">首页</a> | <a href="#">快讯</a> | <a href="#">大模型</a> | <a href="#">机器人</a> | <a href="#">芯片</a> | <a href="#">登录</a></div>
<div class="main clearfix">
  <div class="left">
    <h1 class="art-title">{E(title)}</h1>
    <div class="info">来源：智元快讯　作者：{E(author)}　{date[:10]}</div>
    <div class="zw" id="article-content">
{body}
    </div>
    <div class="editor">（责任编辑：{E(author)}）</div>
    <div class="ad-banner"><a href="#">【广告】企业级GPU云服务器限时特惠，点击领取</a></div>
    <div class="comment-box"><h3>网友评论</h3><ul>
{com}
    </ul></div>
  </div>
  <div class="right">
    <div class="hot-list"><h3>热门排行</h3><ol><li><a href="#">大模型价格战再升级</a></li><li><a href="#">人形机器人融资盘点</a></li><li><a href="#">国产芯片最新进展</a></li><li><a href="#">本周AI大事件</a></li></ol></div>
  </div>
</div>
<div class="copyright">版权所有 © 2026 智元快讯　未经授权禁止转载</div>
</body>
</html>
"""


def page_suanli(site, a):
    _, slug, date, author, title, paras, comments = a
    body = "\n".join(f"<p>{E(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{E(title)} - 算力观察</title>
<meta property="og:site_name" content="算力观察">
</head>
<body>
<div class="header"><div class="logo">算力观察</div><ul class="menu"><li><a href="#">资讯</a></li><li><a href="#">深度</a></li><li><a href="#">数据</a></li></ul></div>
<div class="container">
  <div class="post-main">
    <h1>{E(title)}</h1>
    <div class="post-meta">{E(author)} · <time datetime="{date}">{date[:10]}</time></div>
    <div class="post-content">
{body}
    </div>
    <div class="post-tags">标签：<a href="#">算力</a> <a href="#">人工智能</a></div>
    <div class="recommend"><h3>相关推荐</h3><ul><li><a href="#">智算中心建设进入快车道</a></li><li><a href="#">大模型推理成本持续下降</a></li></ul></div>
  </div>
  <div class="sidebar"><div class="widget">扫码关注算力观察公众号，获取每日行业动态</div></div>
</div>
<div class="footer">© 2026 算力观察 保留所有权利</div>
</body>
</html>
"""


def page_wire_brief(site, a):
    _, slug, date, author, title, paras, comments = a
    body = "\n".join(f"<p>{E(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{E(title)} — Wire Brief</title>
<meta property="og:site_name" content="Wire Brief">
<meta property="article:published_time" content="{date}">
</head>
<body>
<div class="topnav"><a href="#">Wire Brief</a> · <a href="#">Tech</a> · <a href="#">Markets</a> · <a href="#">Log in</a></div>
<div class="layout">
  <div class="story-body">
    <h1>{E(title)}</h1>
    <div class="dateline">{date[:10]} · {E(author)}</div>
{body}
    <div class="tags">Filed under: <a href="#">AI</a>, <a href="#">Business</a></div>
  </div>
  <div class="rail">
    <h4>Related wires</h4>
    <ul><li><a href="#">Chip stocks rally on data centre demand</a></li><li><a href="#">Three things to watch this week</a></li></ul>
    <div class="promo">Get Wire Brief Pro: faster alerts for professionals.</div>
  </div>
</div>
<div class="footer">© 2026 Wire Brief. Distributed to member newsrooms.</div>
</body>
</html>
"""


PAGES = {"tensor-ledger": page_tensor_ledger, "inference-weekly": page_inference_weekly,
         "zhiyuan-kuaixun": page_zhiyuan, "suanli-guancha": page_suanli,
         "wire-brief": page_wire_brief}


def teaser(a):
    return a[5][0]


def feed_rss2(site, arts, with_content):
    items = []
    for a in arts:
        link = f"../{site}/{a[1]}.html"
        content = ""
        if with_content:
            content = "<content:encoded><![CDATA[" + "".join(f"<p>{p}</p>" for p in a[5][:2]) + "]]></content:encoded>"
        items.append(f"""  <item>
    <title>{E(a[4])}</title>
    <link>{link}</link>
    <guid isPermaLink="false">{site}-{a[1]}</guid>
    <pubDate>{rfc822(a[2])}</pubDate>
    <dc:creator>{E(a[3])}</dc:creator>
    <description>{E(teaser(a))}</description>
    {content}
  </item>""")
    s = SITES[site]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>{E(s['name'])}</title>
  <link>../{site}/index.html</link>
  <description>{E(s['name'])}</description>
  <language>{s['lang']}</language>
{chr(10).join(items)}
</channel>
</rss>
"""


def feed_atom(site, arts):
    entries = []
    for a in arts:
        entries.append(f"""  <entry>
    <title type="html">{E(a[4])}</title>
    <link rel="alternate" href="{a[1]}.html"/>
    <id>tag:inference-weekly.example,2026:{a[1]}</id>
    <published>{a[2]}</published>
    <updated>{a[2]}</updated>
    <author><name>{E(a[3])}</name></author>
    <summary>{E(teaser(a))}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="../{site}/">
  <title>Inference Weekly</title>
  <link href="index.html"/>
  <id>tag:inference-weekly.example,2026:feed</id>
  <updated>{arts[0][2]}</updated>
{chr(10).join(entries)}
</feed>
"""


def feed_rdf(site, arts):
    seq = "\n".join(f'        <rdf:li rdf:resource="../{site}/{a[1]}.html"/>' for a in arts)
    items = "\n".join(f"""  <item rdf:about="../{site}/{a[1]}.html">
    <title>{E(a[4])}</title>
    <link>../{site}/{a[1]}.html</link>
    <description>{E(teaser(a))}</description>
    <dc:date>{a[2]}</dc:date>
    <dc:creator>{E(a[3])}</dc:creator>
  </item>""" for a in arts)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="../{site}/index.html">
    <title>算力观察</title>
    <link>../{site}/index.html</link>
    <description>算力观察</description>
    <items><rdf:Seq>
{seq}
    </rdf:Seq></items>
  </channel>
{items}
</rdf:RDF>
"""


def main():
    os.makedirs(os.path.join(ROOT, "feeds"), exist_ok=True)
    for site, meta in SITES.items():
        os.makedirs(os.path.join(ROOT, site), exist_ok=True)
        arts = [a for a in ARTICLES if a[0] == site]
        for a in arts:
            with open(os.path.join(ROOT, site, a[1] + ".html"), "w", encoding="utf-8") as f:
                f.write(PAGES[site](site, a))
        kind = meta["feed"]
        if kind == "rss2":
            text = feed_rss2(site, arts, False)
        elif kind == "rss2-content":
            text = feed_rss2(site, arts, True)
        elif kind == "atom":
            text = feed_atom(site, arts)
        else:
            text = feed_rdf(site, arts)
        with open(os.path.join(ROOT, "feeds", site + ".xml"), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {len(ARTICLES)} articles and {len(SITES)} feeds under {os.path.normpath(ROOT)}")


if __name__ == "__main__":
    main()
