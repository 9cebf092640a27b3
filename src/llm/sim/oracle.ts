// What the simulator knows about tasks: their reference and stub files and difficulty. The evolve
// loop builds it from the task suite; agents never see it (it lives on the host).
export interface SimTaskKnowledge {
  solutionFiles: Record<string, string>;
  stubFiles: Record<string, string>;
  difficulty: "easy" | "medium" | "hard";
}

export interface SimOracle {
  lookup(taskId: string): SimTaskKnowledge | undefined;
}
