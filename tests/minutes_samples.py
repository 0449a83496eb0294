"""The minutes of two real meetings, built by hand as the use cases would hand them to the
document adapter (issue 15): the Adult Social Care Cabinet Committee of Kent County Council
on 13 September 2023 (minutes 148-159, printed in the pack of 23 November 2023) and on
22 January 2019 (minutes 123-127, from the pack of 12 March 2019), with their real
wording; page breaks of the published text are joined up. An exempt minute and the
approval are made up (neither meeting had one), for the public version and the approved
state. For the documents' tests and for anyone who needs a realistic :class:`Minutes`."""

from __future__ import annotations

import dataclasses
import datetime as dt

from governance.minute_book import Minute, Minutes

COMMITTEE = "Adult Social Care Cabinet Committee"
SEPTEMBER_2023 = dt.date(2023, 9, 13)
JANUARY_2019 = dt.date(2019, 1, 22)

SEPTEMBER_2023_MINUTES: tuple[Minute, ...] = (
    Minute(148, '2', 'Apologies and Substitutes', (
        'Apologies had been received from Mr Meade and Mrs Parfitt-Reid for whom Mr Cole '
        'and Mr Dendor would substitute.',
    )),
    Minute(149, '3', 'Election of Vice-Chair', (
        'RESOLVED: Ms Wright was nominated and duly elected Vice-Chair of the Adult '
        'Social Care Cabinet Committee. There were no other nominations.',
    )),
    Minute(150, '4', 'Declarations of Interest by Members in items on the agenda', (
        'Ms Meade noted that they were a full-time carer and had experience of a family '
        'member being subject of a deprivation of liberty order. Mr Shonk said that a '
        'family member worked for the NHS. Mr Brady noted that his partner was a senior '
        'lecturer at the Tizard Centre, University of Kent. Mrs Game said that a family '
        'member worked for the governance team, patient safety at East Kent Hospitals.',
    )),
    Minute(151, '5', 'Minutes of the meeting held on 6 July 2023', (
        '1. A Member noted that there was a spelling error on page 5.',
        '2. RESOLVED, subject to the correction on page 5, that the minutes of the '
        'meeting held on 6 July 2023 were correctly recorded and a paper copy be signed '
        'by the Chairman.',
    )),
    Minute(152, '6', 'Verbal Updates by Cabinet Member and Corporate Director', (
        '1. The Cabinet Member for Adult Social Care and Public Health, Mr Dan Watkins, '
        'gave a verbal update on the following.',
        'Market Sustainability and Improvement Fund – Mr Watkins said that in July 2023 '
        'the Central Government had announced £600 million for Adult Social Care from the'
        ' fund, of which Kent would receive £10 million. The fund was making the '
        'resources available to boost capacity to allow the Council to support the Adult '
        'Social Care workforce. Mr Watkins noted that this was most welcome.',
        'Kent and Medway Domestic Abuse Consultation – The 11-week consultation opened in'
        ' late July. The Council was running the consultation on behalf of the domestic '
        'and sexual abuse partnership. Mr Watkins noted that the Kent and Medway '
        'Partnership Domestic Abuse Strategy 2024-2029 set out the new 5-year plan to '
        'develop and improve the response to domestic abuse. The strategy aimed to reduce'
        ' instances of domestic abuse and provide the right to support to victims. It was'
        ' said that the consultation would be open until 9 October 2023 and Mr Watkins '
        'encouraged Members to share link to the online consultation.',
        'Covid-19 vaccination scheme opened – Mr Watkins noted that the Covid-19 '
        'vaccination programme had opened and targeted groups would be invited to receive'
        ' their inoculations, which was important this winter due to the discovery of a '
        'new variant of concern. It was noted that the targeted groups were the 65 years '
        'and over, residents in care homes, those 6 months - 64 years in a clinical risk '
        'group, carers, close contacts of immunosuppressed and frontline health and '
        'social care workers. Mr Watkins urged all qualifying residents to book their '
        'vaccinations and for Committee Members to raise awareness.',
        'Blue Badge Scheme - It was said that the Council was working with District '
        'partners to run enforcement sessions to clamp down on the misuse of the badges. '
        'This had been made more important following the expansion of the eligibility '
        'criteria and the need to ensure that spaces are reserved only for those who are '
        'eligible. Residents were encouraged to report misuse through the Kent County '
        'Council website Fraud Prevention. Please find a link here: [Fraud Prevention - '
        'Kent County Council](#).',
        '2. In response to comments and questions from Members, it was said.',
        '(a) A Member asked about the domestic abuse consultation and how people would be'
        ' able to access it if they could not get online. Mr Watkins and Ms Agyepong said'
        ' that there had been lots of outreach work to victims and survivors both '
        'directly and through partners, the feedback would be used to update and inform '
        'the strategy. Richard Smith a more substantive item down the line may be useful.',
        '(b) Asked for more information on the Kent Care Summit and the Council plan '
        'going forward. Mr Richard Smith suggested a substantive item be brought to a '
        'future committee meeting where this could be discussed.',
        '(c) A Member asked for more transparency on the savings being made across the '
        'directorate, as a part of committee papers or the verbal updates. Mr Watkins '
        "advised Members to view the Cabinet paper 'Securing Kent's Future', which gave "
        'further detail on £10 million worth of savings. Mr Watkins agreed that an effort'
        ' would be made to report back to the committee on savings being made and the '
        'progress towards financial targets this year and going forward.',
        '3. The corporate director for Adult Social Care, Mr Richard Smith, gave a verbal'
        ' update on the following.',
        'Leading in Care Summit – Mr Smith noted that in the previous week, he had '
        'attended the summit in association with Newton and the Association for Directors'
        ' of Adult Social Services (ADASS). This was a national summit focussed on '
        'building resilience in adult social care to meet the financial challenges that '
        'the sector was facing and the resilience of the workforce over the forthcoming '
        'challenging period of time.',
        'Visit for National Hospital Discharge Team – A task force made up of members of '
        'NHS England, Local Government Association and ADASS that worked on health '
        'systems under stress over the winter period. A presentation had been given and '
        'more information on the outcomes of the meeting would be provided in due course.',
        'Inequality and Diversity Leadership Meeting – The meeting discussed how the team'
        ' was progressing against their own inequality standards and was attended by 30 '
        'senior leadership members. Mr Smith noted that this was an area taken very '
        'seriously and an action plan was being worked through.',
        'Staff Engagement – Mr Smith said a whole service live event would be hosted in '
        'the forthcoming weeks. The event was an opportunity to meet with all staff and '
        'discuss how the service would respond to the ongoing challenges. Mr Smith said '
        'that his open-door sessions were continuing to informally meet with frontline '
        'staff. It was noted that the two directors, Mr Jim Beale and Mr Mark Albiston, '
        'had visited all 24 community teams.',
        'Care Quality Commission (CQC) Inspection Preparation – It was said that '
        'preparation work was ongoing following social care becoming a regulated service '
        'earlier in the year. The CQC had completed their desktop exercises and 5 visits '
        'to different local authorities across the country, the outcome of which was '
        'expected to be provided soon. In October 2023 the next 20 local authorities to '
        'be visited would be known.',
        '4. In response to comments and questions from Members it was said:',
        '(a) A Member asked for further details on the work being done to improve '
        'outcomes on hospital discharge. Mr Smith said that they were still waiting on '
        'the outcome of a visit from the national taskforce. Following visits to other '
        'Local Authorities there would be a detailed action plan, which would be NHS-led,'
        ' but would be supported by the directorate as and when required.',
        'At the end of this item the Chairman had to leave the meeting. Vice-Chair, Ms '
        'Wright, chaired the rest of the meeting.',
    )),
    Minute(153, '7', ('23/00074 - Property Security Element of the Countywide Sanctuary '
           'Access for Eligible Residents (SAFER) Scheme - Contract Award'), (
        'Rachel Westlake, Senior Commissioner, Akua Agyepong, Assistant Director - Adult '
        'Social Care and Health, and Ashleigh Cain were in attendance for this item.',
        '1. Ms Westlake introduced the item. The reasons for the scheme were provided and'
        ' an overview was given. Ashleigh Cain then gave details of the procurement '
        'process and how a supplier was identified.',
        '2. In response to comments and questions from Members, it was said:',
        '(a) A member asked if this was designed by the Council from new or based on '
        'similar schemes in operation in other Councils. Ms Westlake said there had been '
        'other sanctuary schemes run by other Councils but under the Domestic Abuse Act '
        'the Council had a statutory responsibility to deliver support to those in safe '
        'accommodation. It was said that the team had worked in partnership with other '
        'Councils and had learnt from best practice.',
        '(b) It was asked if there were enough places available. Ms Westlake said there '
        'was a recommended number of refuge beds, Kent was currently just under the '
        'recommended number. It was noted that the SAFER scheme would allow individuals '
        'to remain in their own home, which would expand the number of individuals the '
        'service could support and further aspects of support were anticipated.',
        '3. RESOLVED the Adult Social Care Cabinet Committee agreed with the '
        'recommendations as outlined in the report.',
    )),
    Minute(154, '8', '23/00078 - Community Equipment Service', (
        'Sharon Wilcock, Senior Commissioner, and Akua Agyepong, Assistant Director - '
        'Adult Social Care and Health, were in attendance for this item.',
        '1. Sharon Wilcock introduced the item and highlighted the intention to award a '
        'contract to the preferred bidder so that the service to be embedded by March '
        '2024 when the current contract ends. It was noted that they were at the midpoint'
        ' of the procurement process and a preferred bidder had yet to be identified. It '
        'was said the aim was to award the contract in early November 2023, to allow for '
        '4 months of mobilisation time.',
        '2. In response to comments and questions from Members, it was said:',
        '(a) Asked why the committee had not been given more notice as it was too late to'
        ' provide any meaningful input on the process. Mr Smith said it was not the '
        'intention but had to do with the timing of the cycle of committee meetings. It '
        'was noted that if it was brought to the following meeting it could lead to a '
        'delay.',
        '(b) A Member asked if there was anything in the contract that targets recycling,'
        ' it had been reported that residents struggled to have their equipment re-used '
        'or donated. Ms Agyepong said that information on the recycling points would be '
        'shared. It was noted there may need to be an awareness campaign on this. Ms '
        'Wilcock said that there would be recycling targets in the new model. A concern '
        'was raised that many of these recycling sites were only accessible if you had a '
        'vehicle, it was said this would be taken away and considered.',
        '(c) It was asked that arrangements be made to ensure that Members were more '
        'actively involved when contracts were due to expire.',
        '(d) Mr Watkins outlined some of the benefits of the new model of service and '
        'thanked officers for their work. It was noted that an effort should be made to '
        'recycle and re-use all equipment where possible even if credit was not given for'
        ' doing so.',
        '(e) A Member raised concern that the contract would allow more economically '
        'advantaged residents to purchase equipment that was not otherwise available to '
        'those with limited financial means. Ms Wilcock said no this would not occur. It '
        'was said that during co-production it was found that many people wished to '
        'purchase their own equipment but did not know how to do so under the new '
        'contract they would receive support to do this in a safe manner, but it would '
        'not be charged extra. Residents could purchase equipment by themselves, but this'
        ' was not recommended as it may not match their needs. The Member requested '
        'reassurance that self-purchase would not replace the requirement that the '
        'Council deliver the assessment and the equipment within the first 6 weeks '
        'without charge. Ms Wilcock said there would be no reduction to the current level'
        ' of service. Ms Agyapong said the choice was always based on need and people '
        'would not be left to independently select. The consultation highlighted a need '
        'that people needed to be supported to select equipment that was right for the '
        'support they required. It was said that this would not create a two-tier system.',
        '(f) It was said that the equality impact assessment noted the negative impact '
        'for those who could not get online and a negative impact for those from ethnic '
        'minorities. A Member asked for greater clarity on the mitigations in place. Ms '
        'Agyepong said that no one would be left alone to make choices and there would be'
        ' support provided for all users accessing services. It was noted that outreach '
        'work was ongoing with several communities and groups to raise awareness about '
        'the support available to them. It was said that the work that Healthwatch had '
        'done to reach out to BAME groups had been nominated for a national award.',
        '3. RESOLVED The Adult Social Care Cabinet Committee agreed to the '
        'recommendations as outlined in the report.',
    )),
    Minute(155, '9', 'Adult Social Care and Health Performance Q1 2023/2024', (
        '1. Mark Albiston introduced and gave an overview of the Q1 performance with some'
        ' key details highlighted. It was noted that the wider context of the performance'
        ' was characterised by increasing demand and a reduced workforce. It was said '
        'that the cost of care was increasing as people were presenting with more complex'
        ' needs.',
        '2. In response to comments and questions from Members, it was said.',
        '(a) It was asked if it would be investigated as to why more people needed to use'
        ' the service, and was there was still an ongoing impact of the COVID-19 '
        'lockdown. Mr Albiston said that there was no one single reason why demand was '
        'going up. It was said that the NHS waiting times were a challenge as residents '
        'were not presenting at an early stage so were not receiving earlier '
        'interventions. There would need to be more work on preventative care and a need '
        'for prevention and early intervention community hubs, technology and enablement.'
        ' Front-loading community hubs would need to be the ongoing focus when people '
        'come to Adult Social Care.',
        '(b) A Member asked what was being done to resolve the workforce challenge. It '
        'was noted that additional support was needed for unpaid carers. Mr Albiston said'
        ' that a number of approaches would need to be considered as it was a major '
        'challenge. There would be a need to look at skills mixing when a specific role '
        'can not be recruited for. Managed services could be brought in to increase '
        'capacity to help with critical areas of demand. It was said that retention was '
        'also a key focus, as all local authorities are experiencing workforce '
        'challenges. Mr Beale said that the Workforce Plan had outlined in detail their '
        'approach and recruitment drives going forward. It was noted that certain areas '
        'faced a much greater challenge for recruitment, such as Thanet and the '
        'South-East Coast. There had been success in the enablement services and there '
        'would be an offer of progression for staff that worked in these roles. Mr '
        'Albiston said that there was a carers strategy and noted the vital importance of'
        ' unpaid carers. Work was ongoing to raise awareness of carers and the support '
        'and advice available to them.',
        '(c) A Member asked why there had been a 10% decrease in the number of people '
        'receiving the Kent Enablement at Home service, and why this was attributed to '
        'the shift to the new locality model. An email response would be provided.',
        '(d) Asked if data on social prescribing would be built into reports going '
        'forward. An email response would be provided.',
        '(e) It was asked that Members be engaged with more as they could support '
        'outcomes in their areas and make a difference.',
        '3. RESOLVED the Adult Social Care Cabinet Committee noted the Adult Social Care '
        'and Health Performance Q1 2023/2024.',
    )),
    Minute(156, '10', ('Local Account for Adult Social Care (January 2022 - December 2022)'), (
        'Lisa Clinton, Stakeholder Engagement Manager, was in attendance for this Item.',
        '1. Ms Clinton introduced the update and gave an overview. It was noted that a '
        'full briefing would usually take place but was unable to this time, but it was '
        'intended that it would occur next year. Ms Clinton welcomed feedback from '
        'Members and would include it in the plans going forward.',
        '2. RESOLVED the Adult Social Care Cabinet Committee noted the Local Account for '
        'Adult Social Care (January 2022 – December 2022).',
    )),
    Minute(157, '11', 'Bespoke Support Service - Service Update', (
        'Xan Brooker, Senior Commissioner, and Marie Hackshall, System Program Lead, were'
        ' in attendance for this item.',
        '1. Ms Brooker introduced the update and gave a presentation which provided '
        'background to the service and the next steps. Please find attached.',
        '2. In response to comments and questions from Members, it was said:',
        "(a) Asked by a Member about the details of the 'long cool off' and regulation 33"
        ' 6. It was noted that there were several examples of language that was not '
        'accessible to a layperson. Ms Brooker said that the individual contract was a '
        'cool-off from the wider framework and a longer cool-off had to be justified as '
        'outlined in the terms and conditions. Ms Brooker said the model of behavioural '
        'support was dependent on the diagnosis given as different disabilities required '
        'different models, the change had been made following a review of the evidence '
        'base to improve support. It was noted that the next stage was to review autistic'
        ' people without a learning disability who received support under the previous '
        'service.',
        '(b) Asked about the difference in support package based on the three costs, as '
        'outlined in the report. Ms Brooker the service was a specialist service that '
        'should be used for particular behaviours. It was noted that the cost was for '
        'training staff to deliver positive behavioural support and it was a concern it '
        'had become overspecialised leading to increased costs. Going forward a blended '
        'approach would be taken while recognising there could still be a need for '
        'positive behavioural support.',
        '(c) Asked if there was an intention to bring this item back to a future '
        'committee meeting. Ms Brooker said that learning could be brought back if deemed'
        ' appropriate.',
        '(d) A Member asked about how property availability could be improved by '
        'cooperating with Borough colleagues and if there were any challenges to this '
        'approach. Ms Brooker said that they would work on their relationships with '
        'district and borough Councils to develop longer-term plans for housing and '
        'property to meet the needs of those who are autistic or have learning '
        'disabilities.',
        '3. RESOLVED the Adult Social Care Cabinet Committee noted the update.',
    )),
    Minute(158, '12', 'Enablement and Support Services Update', (
        'Barbara Rickman, Assistant Director Enablement and Support Services, was in '
        'attendance for this item.',
        '1. Ms Rickman introduced the update and gave a presentation. Please find '
        'attached.',
        '2. In response to comments and questions from Members, it was said.',
        '(a) A Member asked for geographical data that would provide insights into which '
        'areas and locality teams experienced the greatest challenge as it was noted that'
        ' if done right referrals would produce a cost saving.',
        '(b) Mr Watkins added that the CQC had given the service a high score, and he '
        'thanked officers for their work.',
        '3. RESOLVED The Adult Social Care Cabinet Committee noted the content of the '
        'presentation.',
    )),
    Minute(159, '13', 'Work Programme', (
        'The Adult Social Care Cabinet Committee noted the work programme 2023/24.',
    )),
)


JANUARY_2019_MINUTES: tuple[Minute, ...] = (
    Minute(123, '2', 'Apologies and Substitutes', (
        '1. Apologies had been received from Mr Koowaree, Mr Homewood and Ida Linfield.',
        '2. Mrs Dean attended as a substitute for Mr Koowaree.',
    )),
    Minute(124, '3', 'Declarations of Interest by Members in items on the agenda', (
        'No declarations of interest were received.',
    )),
    Minute(125, '4', 'Minutes of the meeting held on 30 November 2018', (
        'RESOLVED that the minutes of the meeting of the Adult Social Care Cabinet '
        'Committee held on 30 November 2018 are correctly recorded and that they be '
        'signed by the Chairman.',
    )),
    Minute(126, '5', 'Verbal Updates by Cabinet Member and Corporate Director', (
        '1. Graham Gibbens (Cabinet Member for Adult Social Care and Public Health) gave '
        'a verbal update on the following issues:',
        'a) Recent visits\nMr Gibbens and the Chairman of Kent County Council, Mr Angell, '
        'had visited the Mental Health Unit at St Martins Hospital, Canterbury, the '
        'Disabled Children’s team in Brook House, Whitstable, and King Edward Court, '
        'Herne Bay, over the Christmas period to meet with staff and residents and wish '
        'everybody a Merry Christmas.',
        'b) Adult Safeguarding Members Briefing\nAn adult safeguarding all-Member briefing'
        ' would take place on 26 February 2019 which would provide Members with the '
        'opportunity to understand Kent County Council’s role in adult safeguarding and '
        'the role that Members had in adult safeguarding.',
        '2. Penny Southern (Corporate Director of Adult Social Care and Health) gave a '
        'verbal update on the following issues:',
        'a) Recent visits\nMs Southern had visited The Hedgerows, a residential service '
        'which provided respite care to adults with a learning disability in Staplehurst,'
        ' and the Community Mental Health team in Ashford. She said that meeting service '
        'users and understanding the different types of benefits that they received from '
        'Kent County Council’s services was a very valuable experience.',
        'b) NHS 10-Year Plan\nMs Southern referred to the NHS 10-Year Plan which had been '
        'published on 7 January 2019 and advised Members to read the plan and grasp the '
        'long-term priorities which would form a core part of the 10-year plan.',
        'c) The Esther Inspiration Day\nKent County Council’s Esther Inspiration Day and '
        'Kent’s programme to introduce the Esther model had been recognised nationally. '
        'An Esther Inspiration Day would take place on 21 March 2019 in recognition of '
        'the work that Kent County Council had undertaken in implementing the Esther '
        'Model in Kent and improving care for elderly patients with complex needs.',
        'd) Thanks to Staff\nMs Southern thanked all of Kent County Council’s staff that '
        'had worked over the Christmas period for continuing to ensure that individuals '
        'were able to access care and support services. She added that Kent County '
        'Council had received a formal letter from the Chief Executive of Maidstone and '
        'Tunbridge Wells NHS Trust which congratulated Kent for their hard work in '
        'continuing to deliver vital services to Kent residents over the festive period.',
        '3. RESOLVED that the verbal updates be noted.',
    )),
    Minute(127, '6', ('18/00054 - Adult Social Care and Health Being Digital Strategy '
           '2019-2021'), (
        'Ms Tidmarsh (Director of Adult Social Care and Health Partnerships) and Ms '
        'Letchford (Project Manager) were in attendance for this item.',
        '1. Ms Tidmarsh and Ms Letchford introduced the report and presented a series of '
        'slides which provided an overview of Kent County Council’s Adult Social Care and'
        ' Health Being Digital Strategy and a summary of the implementation plan.',
        'Ms Tidmarsh and Ms Letchford then responded to comments and questions from '
        'Members, including the following: -',
        'a) Ms Tidmarsh talked about the importance of strengthening stakeholder and user'
        ' engagement within the strategy.',
        'b) Ms Tidmarsh said that Kent County Council had undertaken work with Brighton '
        'in relation to digital programmes in assisted living homes and extra care '
        'housing and were exploring ways to develop extra care and the current technical '
        'digital infrastructure. She talked about intergenerational work and said that '
        'pilots had taken place recently which allowed school children to engage with '
        'older people and teach them how to use technology.',
        'c) Ms Tidmarsh said that the Digital Strategy had been developed to set out the '
        'strategic direction for, and help to enable the delivery of, digital innovation '
        'and technology to transform and support the new adult social care operating '
        'models. She added that work was being undertaken to develop Kent and Medway care'
        ' records to allow both Kent and Medway to jointly-work with the NHS and access '
        'all service user’s data. She talked about the locally-supported apps that were '
        'being developed to allow individual’s access to useful healthcare links.',
        'd) Ms Tidmarsh confirmed that face-to-face conversations with individual’s would'
        ' not be replaced by technology.',
        'e) Ms Southern talked about the technology and technology training that Kent '
        'County Council provided to its staff and Members and said that it was important '
        'that users felt confident and comfortable when using the technology.',
        'f) Ms Tidmarsh said that the Kent Housing Group had launched a new working group'
        ' which scrutinised housing, health and social care and considered future '
        'accommodation and planning accommodation options.',
        'g) Ms Tidmarsh referred to the implications that the Digital Strategy contract '
        'could carry and confirmed that once the implications were better known, a '
        'further report on the overall strategy and direction of travel of the contract '
        'would be submitted to a future Cabinet Committee meeting.',
        'h) Ms Tidmarsh confirmed that the technology that Kent County Council provided '
        'to service users was rented and therefore it could easily be improved.',
        'i) Ms Tidmarsh said that upcoming exhibition dates and would be circulated to '
        'Members of the Committee outside of the meeting.',
        'j) Mr Gibbens reassured Members of the Committee that private briefing sessions '
        'could be held for Members to attend if they had specific concerns in relation to'
        ' the Digital Strategy contract.',
        '2. RESOLVED that the decision proposed to be taken by the Cabinet Member for '
        'Adult Social Care and Health, to',
        'a) approve the Adult Social Care and Health Being Digital Strategy 2019-2021 and'
        ' the high-level implementation plan;',
        'b) delegate authority to the Corporate Director of Adult Social Care and Health,'
        ' or other nominated officer, to undertake the necessary actions to implement the'
        ' decision; and',
        'c) note that an update will be presented to the Adult Social Care Cabinet '
        'Committee in September 2019 with a revised implementation plan and details on '
        'the financial implications including savings and investment,',
        'be endorsed.',
    )),
)


def september_2023() -> Minutes:
    """The draft minutes of 13 September 2023, as published (no exempt items)."""
    return Minutes(
        COMMITTEE, SEPTEMBER_2023,
        "Council Chamber, Sessions House, County Hall, Maidstone",
        present=("Mr A M Ridgers (Chairman)", "Mrs P T Cole", "Ms S Hamilton", "Ms J Meade",
                 "Mr D Ross", "Mr T L Shonk", "Mr R G Streatfeild, MBE", "Ms L Wright",
                 "Mr A Brady", "Mrs L Game", "Jenni Hawkins", "Mr A Kennedy"),
        also_present=("Mr D Watkins",),
        in_attendance=("Richard Smith (Corporate Director of Adult Social Care and Health)",
                       "Michael Thomas-Sam (Strategic Business Adviser, Social Care)",
                       "Dominic Westhoff (Democratic Services Officer)"),
        unrestricted=SEPTEMBER_2023_MINUTES)


def january_2019() -> Minutes:
    """The minutes of 22 January 2019 (minutes 123-127 of 123-133)."""
    return Minutes(
        COMMITTEE, JANUARY_2019, "Darent Room - Sessions House",
        present=("Mrs P T Cole (Chairman)", "Ms D Marsh (Vice-Chairman)",
                 "Mrs A D Allen, MBE", "Mrs C Bell", "Mrs P M Beresford", "Mrs S Chandler",
                 "Mrs T Dean, MBE (Substitute for Mr S J G Koowaree)", "Ms S Hamilton",
                 "Mrs L Hurst", "Mr D D Monk", "Mr R A Pascoe", "Dr L Sullivan"),
        also_present=("Mr G Gibbens",),
        in_attendance=(
            "Janice Duff (Head of Service Ashford & Shepway OPPD)",
            "Michelle Goldsmith (Finance Business Partner)", "Rachael Letchford",
            "Clare Maynard (Head of Commissioning Portfolio - Outcome 2 and 3)",
            "Beryl Palmer (Manager, Sensory Disabilities)",
            "Samantha Sheppard (Senior Commissioner)",
            "Penny Southern (Corporate Director, Adult Social Care and Health)",
            "Michael Thomas-Sam (Strategic Business Adviser, Social Care)",
            "Anne Tidmarsh (Director of Adult Social Care and Health Partnerships)",
            "Emma West (Democratic Services Officer)"),
        unrestricted=JANUARY_2019_MINUTES)


#: A made-up exempt minute (after minute 159): its title and text must never reach the
#: public version.
EXEMPT_MINUTE = Minute(
    160, "15", "23/00081 - Disposal of Brook Farm Care Home, Ashford",
    ("1. The Committee considered the bids received for Brook Farm and the valuation of"
     " £2,350,000 by the District Valuer.",
     "2. RESOLVED that the proposed decision to sell Brook Farm to the preferred bidder be"
     " endorsed."),
    exempt_paragraph=3)
WITHHELD = ("Minute 160 is not published: it records business during which the press and"
            " public were excluded, as it involved exempt information as defined in"
            " paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.")
APPROVED = ("Approved as a correct record at the meeting held on 23 November 2023, subject"
            " to the correction of a spelling error on page 5.")


def with_exempt(minutes: Minutes, *, public: bool) -> Minutes:
    """``minutes`` with :data:`EXEMPT_MINUTE`: the full version carries it, the public
    version leaves it out and says so."""
    if public:
        return dataclasses.replace(minutes, exempt=(), withheld=WITHHELD, public=True)
    return dataclasses.replace(minutes, exempt=(EXEMPT_MINUTE,))


def approved(minutes: Minutes) -> Minutes:
    return dataclasses.replace(minutes, state="approved", approved=APPROVED)
