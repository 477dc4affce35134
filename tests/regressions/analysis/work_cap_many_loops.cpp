// Work-cap stress for the analysis fuzzer replay: 40 loops moving and reinitialising owners in one function.
#include <memory>
#include <utility>
void sink(std::unique_ptr<int> p);
// many loops and branches moving and reinitialising owners: the work cap must stop it
void loops(bool c) {
  std::unique_ptr<int> p0 = std::make_unique<int>(0);
  std::unique_ptr<int> p1 = std::make_unique<int>(1);
  std::unique_ptr<int> p2 = std::make_unique<int>(2);
  std::unique_ptr<int> p3 = std::make_unique<int>(3);
  std::unique_ptr<int> p4 = std::make_unique<int>(4);
  std::unique_ptr<int> p5 = std::make_unique<int>(5);
  std::unique_ptr<int> p6 = std::make_unique<int>(6);
  std::unique_ptr<int> p7 = std::make_unique<int>(7);
  std::unique_ptr<int> p8 = std::make_unique<int>(8);
  std::unique_ptr<int> p9 = std::make_unique<int>(9);
  std::unique_ptr<int> p10 = std::make_unique<int>(10);
  std::unique_ptr<int> p11 = std::make_unique<int>(11);
  std::unique_ptr<int> p12 = std::make_unique<int>(12);
  std::unique_ptr<int> p13 = std::make_unique<int>(13);
  std::unique_ptr<int> p14 = std::make_unique<int>(14);
  std::unique_ptr<int> p15 = std::make_unique<int>(15);
  std::unique_ptr<int> p16 = std::make_unique<int>(16);
  std::unique_ptr<int> p17 = std::make_unique<int>(17);
  std::unique_ptr<int> p18 = std::make_unique<int>(18);
  std::unique_ptr<int> p19 = std::make_unique<int>(19);
  std::unique_ptr<int> p20 = std::make_unique<int>(20);
  std::unique_ptr<int> p21 = std::make_unique<int>(21);
  std::unique_ptr<int> p22 = std::make_unique<int>(22);
  std::unique_ptr<int> p23 = std::make_unique<int>(23);
  std::unique_ptr<int> p24 = std::make_unique<int>(24);
  std::unique_ptr<int> p25 = std::make_unique<int>(25);
  std::unique_ptr<int> p26 = std::make_unique<int>(26);
  std::unique_ptr<int> p27 = std::make_unique<int>(27);
  std::unique_ptr<int> p28 = std::make_unique<int>(28);
  std::unique_ptr<int> p29 = std::make_unique<int>(29);
  std::unique_ptr<int> p30 = std::make_unique<int>(30);
  std::unique_ptr<int> p31 = std::make_unique<int>(31);
  std::unique_ptr<int> p32 = std::make_unique<int>(32);
  std::unique_ptr<int> p33 = std::make_unique<int>(33);
  std::unique_ptr<int> p34 = std::make_unique<int>(34);
  std::unique_ptr<int> p35 = std::make_unique<int>(35);
  std::unique_ptr<int> p36 = std::make_unique<int>(36);
  std::unique_ptr<int> p37 = std::make_unique<int>(37);
  std::unique_ptr<int> p38 = std::make_unique<int>(38);
  std::unique_ptr<int> p39 = std::make_unique<int>(39);
  for (int k0 = 0; k0 < 3; ++k0) { if (c) sink(std::move(p0)); else p0 = std::make_unique<int>(k0); }
  for (int k1 = 0; k1 < 3; ++k1) { if (c) sink(std::move(p1)); else p1 = std::make_unique<int>(k1); }
  for (int k2 = 0; k2 < 3; ++k2) { if (c) sink(std::move(p2)); else p2 = std::make_unique<int>(k2); }
  for (int k3 = 0; k3 < 3; ++k3) { if (c) sink(std::move(p3)); else p3 = std::make_unique<int>(k3); }
  for (int k4 = 0; k4 < 3; ++k4) { if (c) sink(std::move(p4)); else p4 = std::make_unique<int>(k4); }
  for (int k5 = 0; k5 < 3; ++k5) { if (c) sink(std::move(p5)); else p5 = std::make_unique<int>(k5); }
  for (int k6 = 0; k6 < 3; ++k6) { if (c) sink(std::move(p6)); else p6 = std::make_unique<int>(k6); }
  for (int k7 = 0; k7 < 3; ++k7) { if (c) sink(std::move(p7)); else p7 = std::make_unique<int>(k7); }
  for (int k8 = 0; k8 < 3; ++k8) { if (c) sink(std::move(p8)); else p8 = std::make_unique<int>(k8); }
  for (int k9 = 0; k9 < 3; ++k9) { if (c) sink(std::move(p9)); else p9 = std::make_unique<int>(k9); }
  for (int k10 = 0; k10 < 3; ++k10) { if (c) sink(std::move(p10)); else p10 = std::make_unique<int>(k10); }
  for (int k11 = 0; k11 < 3; ++k11) { if (c) sink(std::move(p11)); else p11 = std::make_unique<int>(k11); }
  for (int k12 = 0; k12 < 3; ++k12) { if (c) sink(std::move(p12)); else p12 = std::make_unique<int>(k12); }
  for (int k13 = 0; k13 < 3; ++k13) { if (c) sink(std::move(p13)); else p13 = std::make_unique<int>(k13); }
  for (int k14 = 0; k14 < 3; ++k14) { if (c) sink(std::move(p14)); else p14 = std::make_unique<int>(k14); }
  for (int k15 = 0; k15 < 3; ++k15) { if (c) sink(std::move(p15)); else p15 = std::make_unique<int>(k15); }
  for (int k16 = 0; k16 < 3; ++k16) { if (c) sink(std::move(p16)); else p16 = std::make_unique<int>(k16); }
  for (int k17 = 0; k17 < 3; ++k17) { if (c) sink(std::move(p17)); else p17 = std::make_unique<int>(k17); }
  for (int k18 = 0; k18 < 3; ++k18) { if (c) sink(std::move(p18)); else p18 = std::make_unique<int>(k18); }
  for (int k19 = 0; k19 < 3; ++k19) { if (c) sink(std::move(p19)); else p19 = std::make_unique<int>(k19); }
  for (int k20 = 0; k20 < 3; ++k20) { if (c) sink(std::move(p20)); else p20 = std::make_unique<int>(k20); }
  for (int k21 = 0; k21 < 3; ++k21) { if (c) sink(std::move(p21)); else p21 = std::make_unique<int>(k21); }
  for (int k22 = 0; k22 < 3; ++k22) { if (c) sink(std::move(p22)); else p22 = std::make_unique<int>(k22); }
  for (int k23 = 0; k23 < 3; ++k23) { if (c) sink(std::move(p23)); else p23 = std::make_unique<int>(k23); }
  for (int k24 = 0; k24 < 3; ++k24) { if (c) sink(std::move(p24)); else p24 = std::make_unique<int>(k24); }
  for (int k25 = 0; k25 < 3; ++k25) { if (c) sink(std::move(p25)); else p25 = std::make_unique<int>(k25); }
  for (int k26 = 0; k26 < 3; ++k26) { if (c) sink(std::move(p26)); else p26 = std::make_unique<int>(k26); }
  for (int k27 = 0; k27 < 3; ++k27) { if (c) sink(std::move(p27)); else p27 = std::make_unique<int>(k27); }
  for (int k28 = 0; k28 < 3; ++k28) { if (c) sink(std::move(p28)); else p28 = std::make_unique<int>(k28); }
  for (int k29 = 0; k29 < 3; ++k29) { if (c) sink(std::move(p29)); else p29 = std::make_unique<int>(k29); }
  for (int k30 = 0; k30 < 3; ++k30) { if (c) sink(std::move(p30)); else p30 = std::make_unique<int>(k30); }
  for (int k31 = 0; k31 < 3; ++k31) { if (c) sink(std::move(p31)); else p31 = std::make_unique<int>(k31); }
  for (int k32 = 0; k32 < 3; ++k32) { if (c) sink(std::move(p32)); else p32 = std::make_unique<int>(k32); }
  for (int k33 = 0; k33 < 3; ++k33) { if (c) sink(std::move(p33)); else p33 = std::make_unique<int>(k33); }
  for (int k34 = 0; k34 < 3; ++k34) { if (c) sink(std::move(p34)); else p34 = std::make_unique<int>(k34); }
  for (int k35 = 0; k35 < 3; ++k35) { if (c) sink(std::move(p35)); else p35 = std::make_unique<int>(k35); }
  for (int k36 = 0; k36 < 3; ++k36) { if (c) sink(std::move(p36)); else p36 = std::make_unique<int>(k36); }
  for (int k37 = 0; k37 < 3; ++k37) { if (c) sink(std::move(p37)); else p37 = std::make_unique<int>(k37); }
  for (int k38 = 0; k38 < 3; ++k38) { if (c) sink(std::move(p38)); else p38 = std::make_unique<int>(k38); }
  for (int k39 = 0; k39 < 3; ++k39) { if (c) sink(std::move(p39)); else p39 = std::make_unique<int>(k39); }
}
